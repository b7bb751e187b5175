/**
 * The resizable workspace: canvas over the tool dock on the left, the details column on the
 * right. Sizes are remembered across reloads; separators resize from the keyboard too.
 */
import type { ReactNode } from 'react';
import { Group, Panel, Separator } from 'react-resizable-panels';
import { loadLayout, saveLayout } from '../prefs/layout';
import { useT } from '../i18n';

const H_IDS = ['pane-main', 'pane-side'];
const V_IDS = ['pane-canvas', 'pane-dock'];

export function Workspace({ canvas, side, dock }: { canvas: ReactNode; side: ReactNode; dock: ReactNode }) {
  const t = useT();
  return (
    <Group
      orientation="horizontal"
      id="workspace"
      className="workspace"
      defaultLayout={loadLayout('h', H_IDS)}
      onLayoutChanged={(layout) => saveLayout('h', layout)}
    >
      <Panel id="pane-main" minSize="45">
        <Group orientation="vertical" id="main-split" className="main-split" defaultLayout={loadLayout('v', V_IDS)} onLayoutChanged={(layout) => saveLayout('v', layout)}>
          <Panel id="pane-canvas" minSize={180}>{canvas}</Panel>
          <Separator className="resize-handle row" aria-label={t('app.resizeDock')} />
          <Panel id="pane-dock" defaultSize="38" minSize={150}>{dock}</Panel>
        </Group>
      </Panel>
      <Separator className="resize-handle col" aria-label={t('app.resizeSide')} />
      <Panel id="pane-side" defaultSize={360} minSize={280} maxSize="50">{side}</Panel>
    </Group>
  );
}
