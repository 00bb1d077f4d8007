// Node resolves @asteasolutions/zod-to-openapi (used by @hono/zod-openapi) to its CommonJS main, which
// loads zod's CommonJS copy: then `.openapi()` and `.meta()` ids on our ESM zod schemas would be lost
// (the dual-package hazard). Point it at its ES module build so the whole server shares one zod.
export async function resolve(specifier, context, nextResolve) {
  const result = await nextResolve(specifier, context)
  if (specifier === '@asteasolutions/zod-to-openapi' && result.url.endsWith('/dist/index.cjs')) {
    return { ...result, url: result.url.replace(/index\.cjs$/, 'index.mjs'), format: 'module' }
  }
  return result
}
