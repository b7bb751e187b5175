/** A network segment's name in the UI's language: the engine describes its segments in English (trace text keeps that). */
import type { t as T } from '../i18n';

export function segName(description: string, t: typeof T): string {
  if (description === 'the node network') return t('seg.nodeNetwork');
  if (description === 'the host-only network') return t('seg.hostOnly');
  if (description === 'the uplink to the internet') return t('seg.uplink');
  const n = /^node network (\d+)$/.exec(description);
  if (n) return t('seg.nodeNetworkN', { n: n[1] });
  const nat = /^VirtualBox NAT of (\S+)$/.exec(description);
  if (nat) return t('seg.vboxNat', { node: nat[1] });
  return description;
}
