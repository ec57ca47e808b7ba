// The body of every error answer of the local API: a stable code and a French sentence.
import { z } from 'zod';

export const ApiErrorSchema = z.object({
  error: z.object({
    /** Stable (same codes as NavetteError), e.g. `UNAUTHORIZED`, `INVALID_REQUEST`. */
    code: z.string(),
    /** French: what happened and what to do. */
    message: z.string(),
  }),
});
export type ApiError = z.infer<typeof ApiErrorSchema>;
