// The screens the desktop opens (tray, notifications) exist in the renderer's router table.
import { describe, expect, it } from 'vitest';
import { patientViewFragment } from '../../../src/api/patientView.js';
import {
  DOCUMENTS_TO_HANDLE_FRAGMENT,
  OUTBOX_FRAGMENT,
  batchFragment,
} from '../../../src/main/uiRoutes.js';
import { routeOf } from '../../../src/renderer/shell/routeOf.js';
import { VIEWS } from '../../../src/renderer/shell/viewTable.js';
import { TO_HANDLE_PARAM } from '../../../src/renderer/views/envois.js';

const routes = new Set(VIEWS.map((v) => v.route));

describe('fragments the main process opens', () => {
  it('land on screens of the router table', () => {
    expect(routeOf(OUTBOX_FRAGMENT)).toEqual({ route: 'envois', param: undefined });
    expect(routeOf(DOCUMENTS_TO_HANDLE_FRAGMENT)).toEqual({
      route: 'envois',
      param: TO_HANDLE_PARAM,
    });
    expect(routeOf(batchFragment(7))).toEqual({ route: 'lot', param: '7' });
    expect(routeOf(patientViewFragment({ matricule: '279035121518989' })).route).toBe('patient');
    for (const fragment of [OUTBOX_FRAGMENT, DOCUMENTS_TO_HANDLE_FRAGMENT, batchFragment(7)]) {
      expect(routes.has(routeOf(fragment).route), fragment).toBe(true);
    }
  });
});
