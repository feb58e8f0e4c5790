'use client';

// Scalar's API reference (a Vue app behind a React wrapper) rendered from /api/openapi.json. It touches the DOM when
// imported, so it loads in the browser only. Requests sent from it go straight to this server (no Scalar proxy), and
// carry the session cookie of a signed-in user; nothing is sent to Scalar (no telemetry, no AI agent, no web fonts).
import '@scalar/api-reference-react/style.css';
import dynamic from 'next/dynamic';

const ApiReferenceReact = dynamic(() => import('@scalar/api-reference-react').then((m) => m.ApiReferenceReact), {
  ssr: false,
  loading: () => (
    <p role="status" className="text-sm text-slate-500">
      Loading the API reference…
    </p>
  ),
});

// Scalar sends "Authorization: Bearer " even when no key was typed in; the API refuses a malformed header rather than
// falling back to the session, so an empty one is dropped and a signed-in user's cookie authenticates the request.
const fetchWithoutEmptyAuth: typeof fetch = (input, init) => {
  const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
  const auth = headers.get('authorization');
  if (auth === null || !/^\s*(bearer|basic)?\s*$/i.test(auth)) return fetch(input, init);
  headers.delete('authorization');
  return fetch(input, { ...init, headers });
};

// One object for the component's lifetime: the wrapper re-applies the configuration whenever its identity changes.
const CONFIGURATION = {
  url: '/api/openapi.json',
  customFetch: fetchWithoutEmptyAuth,
  layout: 'modern',
  theme: 'default',
  withDefaultFonts: false,
  telemetry: false,
  agent: { disabled: true },
  mcp: { disabled: true },
  hideDarkModeToggle: true,
  forceDarkModeState: 'light',
  showDeveloperTools: 'never',
  // The "Open API Client" button hands the document's URL to client.scalar.com; the built-in request panel suffices.
  hideClientButton: true,
  documentDownloadType: 'json',
  modelsSectionLabel: 'Schemas',
  persistAuth: false,
  defaultOpenAllTags: false,
  authentication: { preferredSecurityScheme: 'apiKey' },
  defaultHttpClient: { targetKey: 'shell', clientKey: 'curl' },
  customCss: `.scalar-app { --scalar-font: ui-sans-serif, system-ui, sans-serif; --scalar-font-code: ui-monospace, SFMono-Regular, Menlo, monospace; }`,
} as const;

export function ApiReference() {
  return (
    // No overflow clipping here: it would stop the reference's sidebar from sticking while the page scrolls.
    <div className="rounded-lg border border-slate-200 bg-white">
      <ApiReferenceReact configuration={CONFIGURATION} />
    </div>
  );
}
