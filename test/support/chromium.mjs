// @ts-check
// The system Chromium that tests and the bench drive (Debian package `chromium`; CHROME_PATH overrides).
import { existsSync } from 'node:fs';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

export const CHROMIUM_ARGS = [
  '--no-sandbox', // required when running as root (CI containers)
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking', // this machine's closed network refuses Chromium's background calls
  '--disable-component-update',
  '--disable-sync',
];

/** The browser to launch, or exit with one line saying how to get one. */
export function findChromium() {
  const executablePath = process.env.CHROME_PATH || CANDIDATES.find((path) => existsSync(path));
  if (!executablePath || !existsSync(executablePath)) {
    console.error(
      `portal-kit needs Chromium: install it with \`sudo apt-get install chromium\`, or set CHROME_PATH to a Chrome/Chromium binary${process.env.CHROME_PATH ? ` (CHROME_PATH=${process.env.CHROME_PATH} does not exist)` : ''}.`,
    );
    process.exit(1);
  }
  return executablePath;
}
