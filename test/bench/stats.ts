/** Small helpers for benchmark figures: percentiles and fixed-width printing. */
export function percentile(sortedOrNot: readonly number[], p: number): number {
  if (sortedOrNot.length === 0) return Number.NaN;
  const sorted = [...sortedOrNot].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] as number;
}

export function ms(value: number): string {
  return `${value.toFixed(value < 10 ? 2 : 1)} ms`;
}

export function line(label: string, value: string, note = ''): void {
  process.stdout.write(`  ${label.padEnd(46)} ${value.padStart(14)}  ${note}\n`);
}

export function heading(text: string): void {
  process.stdout.write(`\n${text}\n${'-'.repeat(text.length)}\n`);
}
