/** The name the DNS "Why?" form asks about, and the way other panels (a failed lookup in a terminal) open it. */
import { create } from 'zustand';
import { useUi } from '../store';

export const useDnsWhy = create<{ from?: string; name?: string; asked?: { from: string; name: string } }>(() => ({}));

/** Opens the Services view's DNS "Why?" form for a name looked up from a pod, and asks. */
export function askDnsWhy(from: string, name: string): void {
  useDnsWhy.setState({ from, name, asked: { from, name } });
  useUi.setState({ canvas: 'services' });
}
