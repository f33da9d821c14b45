// Debian's Chromium, headless, as the browser checks launch it.
//
// Playwright gives each launch a fresh temporary profile. The flags let it run as root in a
// container and keep it off the network except for the pages a check opens.

import { chromium } from "playwright-core";

/** Launches headless Chromium from $CHROMIUM (default /usr/bin/chromium). */
export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}
