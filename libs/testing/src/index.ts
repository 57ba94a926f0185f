export { createTestDatabase, TEST_SERVER_URL } from './test-database';
export type { TestDatabase } from './test-database';
export { createTestEnvironment, TEST_TOKEN } from './test-environment';
export type { SeededNumber, TestEnvironment, TestEnvironmentOptions } from './test-environment';
export { waitFor } from './wait-for';
export { freePort, RedisProcess } from './redis-process';
export { WorkerProcess } from './worker-process';
export { CHROMIUM_PATH, launchBrowser } from './browser';
