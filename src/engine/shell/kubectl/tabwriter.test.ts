import { describe, expect, it } from 'vitest';
import { tabwrite } from './tabwriter';

describe('tabwriter', () => {
  it('aligns a column over consecutive lines only, as Go does', () => {
    const text = ['Name:\tweb', 'Namespace:\tdefault', 'IPs:', '  IP:\t10.244.1.2', 'Controlled By:\tReplicaSet/web'].join('\n');
    expect(tabwrite(text)).toBe(['Name:       web', 'Namespace:  default', 'IPs:', '  IP:           10.244.1.2', 'Controlled By:  ReplicaSet/web'].join('\n'));
  });

  it('aligns nested columns within their block', () => {
    const text = ['Events:', '  Type\tReason\tAge\tFrom\tMessage', '  ----\t------\t----\t----\t-------', '  Normal\tScheduled\t5s\tdefault-scheduler\tok'].join('\n');
    expect(tabwrite(text).split('\n')).toEqual([
      'Events:',
      '  Type    Reason     Age   From               Message',
      '  ----    ------     ----  ----               -------',
      '  Normal  Scheduled  5s    default-scheduler  ok',
    ]);
  });
});
