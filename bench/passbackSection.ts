import type { BenchStack } from "./lib/stack";
import type { Figure } from "./lib/table";

export async function benchPassback(_stack: BenchStack, _opts: { isQuick: boolean; runs: number; log: (m: string) => void }): Promise<Figure[]> {
  return [];
}
