// The few react-dom entry points test/react.test.ts uses. The library never imports react-dom (its React
// wrappers need `react` only), so its types are declared here rather than pulled in as another dependency.
declare module 'react-dom' {
  export function flushSync<R>(run: () => R): R;
}

declare module 'react-dom/client' {
  import type { ReactNode } from 'react';

  export interface Root {
    render(children: ReactNode): void;
    unmount(): void;
  }
  export function createRoot(container: Element | DocumentFragment): Root;
}
