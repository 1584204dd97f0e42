import type { Activity } from 'botbuilder';
import { activityTenant } from './tenant-filter';

const activity = (conversationTenant?: string, channelTenant?: unknown) =>
  ({
    conversation: { id: 'c', ...(conversationTenant ? { tenantId: conversationTenant } : {}) },
    channelData: channelTenant === undefined ? {} : { tenant: { id: channelTenant } },
  }) as unknown as Activity;

describe('activityTenant', () => {
  it('reads the tenant from either place Teams puts it, in lower case', () => {
    expect(activityTenant(activity('ABC', 'abc'))).toBe('abc');
    expect(activityTenant(activity('abc'))).toBe('abc');
    expect(activityTenant(activity(undefined, 'abc'))).toBe('abc');
  });

  it('has none when the two disagree, or neither says', () => {
    expect(activityTenant(activity('abc', 'def'))).toBeUndefined();
    expect(activityTenant(activity())).toBeUndefined();
    expect(activityTenant(activity(undefined, 42))).toBeUndefined();
  });
});
