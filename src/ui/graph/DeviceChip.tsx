/** A network device on a node (eth0, cni0, flannel.1): name and address. */
export function DeviceChip({ node, dev, addr, active }: { node: string; dev: string; addr: string; active: boolean }) {
  const kind = dev.startsWith('flannel') ? 'vtep' : dev === 'eth0' ? 'nic' : 'bridge';
  return (
    <span className={`chip chip-${kind} ${active ? 'trace-here' : ''}`} data-testid={`dev-${node}-${dev}`} title={`${dev} ${addr}`}>
      <span className="chip-dev">{dev}</span>
      <span className="chip-addr mono">{addr}</span>
    </span>
  );
}
