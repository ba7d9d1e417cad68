// Types for eslint.layering.js, so the TypeScript tests can use it (the ESLint config stays plain
// JavaScript, which Node loads without a build step).
export interface Layer {
  readonly members: string[]
  readonly mayImport: string[]
  readonly pure: boolean
}
export const SRC: string
export const ARCHITECTURE: string
export function parseLayers(markdown: string): Layer[]
export function readLayers(): Layer[]
export function layerOf(layers: readonly Layer[], rel: string): Layer | null
export function importProblem(layers: readonly Layer[], file: string, spec: string): string | null
