import type { MantleSurface } from "./mantle-surface-rules.js";

/**
 * Surfaces that worked after a route fallback, per endpoint root and wire id, so the next call goes
 * straight there. One per provider instance (never module-global: two hosts in one process, or two
 * tests, must not see each other's lessons).
 */
export class MantleLearnedSurfaces {
  private readonly surfaces = new Map<string, MantleSurface>();

  /** The surface learned for a model at an endpoint, if any. */
  get(root: string, wireId: string): MantleSurface | undefined {
    return this.surfaces.get(`${root} ${wireId}`);
  }

  /** Remember the surface that answered. */
  remember(root: string, wireId: string, surface: MantleSurface): void {
    this.surfaces.set(`${root} ${wireId}`, surface);
  }
}
