/**
 * How the diagram's zoom moves between two views: d3-zoom's views are [centre x, centre y, width],
 * and each number moves linearly, so a pan keeps the scale (d3's default, van Wijk's smooth zoom,
 * pulls the scale out and back in along a pan, which changes every arrow's x on every frame).
 *
 * vite.config.ts resolves `d3-interpolate` to this module: d3-zoom imports only its
 * `interpolateZoom` (the default this app replaces anyway), and the whole of d3-interpolate pulled
 * d3-color into the bundle. Nothing else the app loads uses d3-interpolate.
 */
export type View = [number, number, number]

export function interpolateZoom(a: View, b: View): (t: number) => View {
  return (t) => [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t]
}
