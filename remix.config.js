import { flatRoutes } from "remix-flat-routes";

/**
 * Remix classic compiler (see docs/decisions/0001-stack.md). Routes are grouped by feature in `+` folders
 * (remix-flat-routes, as the Epic Stack does; decision 0020): `app/routes/rfqs+/$id.compare.tsx` is
 * `/rfqs/:id/compare`, `_auth+/login.tsx` is `/login`, `settings+/_layout.tsx` is the settings layout.
 */
export default {
  // Remix's own file-system routing is switched off: flatRoutes below defines every route.
  ignoredRouteFiles: ["**/*"],
  routes: async (defineRoutes) =>
    flatRoutes("routes", defineRoutes, {
      ignoredRouteFiles: ["**/.*", "**/*.test.{ts,tsx}"],
    }),
  serverModuleFormat: "esm",
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
  },
};
