import { expect, test } from '@playwright/test';
import { closeApp, freshDataDir, launchApp, type PageGlobals } from './fixtures';

test('a registration draft survives a restart', async () => {
  const dataDir = freshDataDir();

  const first = await launchApp(dataDir);
  const created = await first.page.evaluate(async () => {
    const api = (globalThis as unknown as PageGlobals).onboarding!;
    const profiles = await api.listProfiles();
    if (!profiles.ok) return profiles;
    const profile = profiles.value[0]!;
    return api.createRegistration({ provider: profile.id, environment: profile.defaultEnvironment, clientName: 'Restart test client' });
  });
  expect(created.ok).toBe(true);
  const id = created.ok && 'registration' in created.value ? created.value.registration.id : undefined;
  expect(id).toBeTruthy();
  await closeApp(first.app);

  const second = await launchApp(dataDir);
  try {
    const listed = await second.page.evaluate(() => (globalThis as unknown as PageGlobals).onboarding!.listRegistrations());
    expect(listed.ok).toBe(true);
    const ids = listed.ok ? listed.value.map((entry) => entry.registration.id) : [];
    expect(ids).toContain(id);
    const info = await second.page.evaluate(() => (globalThis as unknown as PageGlobals).onboarding!.appInfo());
    expect(info.ok && info.value.dataDir).toBe(dataDir);
  } finally {
    await closeApp(second.app);
  }
});
