// Extension code under unit test talks to an in-memory browser with real behaviour
// (storage that stores, alarms that fire), not to call-recording mocks.
import { vi } from 'vitest';
import { fakeBrowser } from '@webext-core/fake-browser';

vi.mock('webextension-polyfill', () => ({ default: fakeBrowser }));
