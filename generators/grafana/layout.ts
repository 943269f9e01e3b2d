/**
 * Grid positions and panel ids. Grafana's grid is 24 columns wide; a row
 * header takes one grid row across the whole width, then its panels flow
 * left to right and wrap when the next one would pass column 24 (the SDK's
 * own layout lets a panel overflow the right edge, so lmac places panels
 * itself). Ids count up in display order, so they are stable as long as the
 * model's order is.
 */
import type { GridPos } from '@grafana/grafana-foundation-sdk/dashboard';

export const GRID_COLUMNS = 24;

export interface Placed {
  id: number;
  gridPos: GridPos;
}

export interface PlacedRow {
  row: Placed;
  panels: Placed[];
}

export function layoutRows(rows: readonly { panels: readonly { width: number; height: number }[] }[]): PlacedRow[] {
  let id = 0;
  let y = 0;
  const out: PlacedRow[] = [];
  for (const r of rows) {
    const row: Placed = { id: ++id, gridPos: { x: 0, y, w: GRID_COLUMNS, h: 1 } };
    y += 1;
    let x = 0;
    let lineHeight = 0;
    const panels: Placed[] = [];
    for (const p of r.panels) {
      const w = Math.min(Math.max(1, p.width), GRID_COLUMNS);
      if (x + w > GRID_COLUMNS) {
        y += lineHeight;
        x = 0;
        lineHeight = 0;
      }
      panels.push({ id: ++id, gridPos: { x, y, w, h: p.height } });
      x += w;
      lineHeight = Math.max(lineHeight, p.height);
    }
    y += lineHeight;
    out.push({ row, panels });
  }
  return out;
}
