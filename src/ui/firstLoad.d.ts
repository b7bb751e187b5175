/** The default cluster's first snapshot, baked into the build (vite.config.ts bakedFirstLoad); null in dev. */
declare module 'virtual:first-load' {
  const first: import('../worker/protocol').LoadResult | null;
  export default first;
}
