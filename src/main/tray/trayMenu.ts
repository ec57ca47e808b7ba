// The tray model's menu as Electron menu items (a pure conversion: only types come from electron).
import type { MenuItemConstructorOptions } from 'electron';
import type { TrayAction, TrayMenuItem } from './trayModel.js';

export function toMenuTemplate(
  items: readonly TrayMenuItem[],
  onAction: (action: TrayAction) => void,
): MenuItemConstructorOptions[] {
  return items.map((item): MenuItemConstructorOptions => {
    switch (item.kind) {
      case 'status':
        return { label: item.label, enabled: false };
      case 'separator':
        return { type: 'separator' };
      case 'action':
        return { label: item.label, click: () => onAction(item.action) };
      case 'toggle':
        return {
          label: item.label,
          type: 'checkbox',
          checked: item.checked,
          click: () => onAction(item.action),
        };
    }
  });
}
