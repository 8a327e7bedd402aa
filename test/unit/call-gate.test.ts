import { describe, expect, it } from 'vitest';
import { CallGate } from '../../electron/core/runtime/call-gate';

describe('closing while handlers run', () => {
  it('waits for the calls still running, then refuses new ones with a clear error', async () => {
    const gate = new CallGate();
    const order: string[] = [];
    let finish = () => undefined as unknown;
    const slow = gate.run(
      () =>
        new Promise<string>((resolve) => {
          finish = () => resolve('answered');
        }),
    );
    const closed = gate.close().then((waited) => order.push(`closed after ${waited}`));
    await new Promise((r) => setTimeout(r, 20));
    order.push('still open');
    finish();
    expect(await slow).toBe('answered');
    await closed;
    expect(order).toEqual(['still open', 'closed after 1']);
    await expect(gate.run(() => 1)).rejects.toMatchObject({
      code: 'SHUTTING_DOWN',
      message: expect.stringMatching(/closing/),
    });
  });
});
