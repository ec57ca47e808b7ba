// The batch report renderings: French headers, every outcome, CSV safe for a spreadsheet, HTML
// self-contained with every value escaped.
import { describe, expect, it } from 'vitest';
import { BatchSchema, type Batch, type BatchItem } from '../../../../src/api/batches.js';
import { batchCsv } from '../../../../src/app/batches/batchCsv.js';
import { batchHtml } from '../../../../src/app/batches/batchHtml.js';
import { countsOf } from '../../../../src/app/batches/batchView.js';

function item(position: number, fields: Partial<BatchItem>): BatchItem {
  return {
    id: position,
    position,
    fileName: `cr-${position}.xml`,
    status: 'sent',
    uniqueId: `1.2.3^${position}`,
    title: 'Compte rendu',
    dmpStatus: 'ACTIF',
    visibility: 'Visible par le patient et les professionnels autorisés',
    reasons: [],
    entryUuid: `urn:uuid:${position}`,
    outboxItemId: position,
    updatedAt: '2026-05-04T08:15:00.000Z',
    ...fields,
  };
}

function batch(items: BatchItem[]): Batch {
  return BatchSchema.parse({
    id: 7,
    label: 'Lot <du> "lundi"',
    createdAt: '2026-05-04T08:00:00.000Z',
    state: 'done',
    counts: countsOf(items),
    items,
  });
}

const sample = batch([
  item(1, {}),
  item(2, {
    status: 'blocked',
    fileName: '=HYPERLINK("http://x")<img src=x onerror=alert(1)>.xml',
    dmpStatus: 'FERME',
    reasons: [{ code: 'DMP_CLOSED', message: 'Le DMP de ce patient est fermé.', fix: 'Vérifiez.' }],
    entryUuid: null,
  }),
  item(3, {
    status: 'refused',
    reasons: [{ code: 'X', message: 'Refus "cité" ; point-virgule' }],
    entryUuid: null,
  }),
]);

describe('batch report', () => {
  it('CSV: BOM, French headers, one quoted line per document, formulas neutralised', () => {
    const csv = batchCsv(sample);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv.slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      '"N°";"Fichier";"Titre";"Identifiant du document";"Statut du DMP du patient";' +
        '"Visibilité";"Résultat";"Motif";"Que faire";"Référence DMP";"Mis à jour le"',
    );
    expect(lines).toHaveLength(4);
    expect(lines[1]).toContain('"Envoyé"');
    expect(lines[2]).toContain('"\'=HYPERLINK(""http://x"")');
    expect(lines[2]).toContain(
      '"Non envoyé (vérification)";"Le DMP de ce patient est fermé.";"Vérifiez."',
    );
    expect(lines[3]).toContain('"Refus ""cité"" ; point-virgule"');
    expect(lines[3]).toContain('"Refusé par le DMP"');
  });

  it('HTML: self-contained, escaped, printable', () => {
    const html = batchHtml(sample, new Date('2026-05-04T09:00:00Z'));
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain("default-src 'none'");
    expect(html).not.toMatch(/<img|<script|<link|<[^>]*\b(src|href)=|url\(|@import/i);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('Lot &lt;du&gt; &quot;lundi&quot;');
    expect(html.match(/<tr class="(ok|ko|pending)">/g)).toHaveLength(3);
    expect(html).toContain('@media print');
    expect(html).toContain('3 document(s)');
  });
});
