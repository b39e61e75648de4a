'use client';

import { useEffect } from 'react';

/**
 * Takes the one-time credential out of the address bar once the page has it (browser history, screenshots, a
 * shared screen), as the gateway's own pages do. The server already rendered it into the form.
 */
export function StripTokenFromAddressBar() {
  useEffect(() => {
    if (window.location.search) window.history.replaceState(null, '', window.location.pathname);
  }, []);
  return null;
}
