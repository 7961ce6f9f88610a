import { accidentsProjection } from './counts/accidents.projection';
import type { Projection } from './engine/projection';

/** Every projection the projector runs, each with its own checkpoint. */
export const PROJECTIONS: readonly Projection[] = [accidentsProjection];
