import type { SizePoint, SizingSettings } from './sizingSettings.js';

/**
 * The rule lambdaSizing applies: the cheapest size at which every handler's peak RSS fits with the
 * headroom and every operation is I/O-bound; failing that, the largest size that fits, saying so.
 * The reason names every size passed over and why.
 */
export function chooseSize(
  perSize: readonly SizePoint[],
  settings: Pick<SizingSettings, 'memoryHeadroom' | 'maxCpuShareOfWait'>,
): { chosenMb: number; reason: string } {
  const cheapest = (points: readonly SizePoint[]) =>
    [...points].sort((a, b) => a.meanCostPerMillion - b.meanCostPerMillion || a.memoryMb - b.memoryMb)[0];
  const qualifying = perSize.filter((point) => point.fitsMemory && point.ioBound);
  const rejected = perSize.filter((point) => !qualifying.includes(point)).map((point) => `${point.memoryMb} MB ${whyNot(point, settings)}`);
  const chosen = cheapest(qualifying);
  if (chosen) {
    const others = perSize
      .filter((point) => point !== chosen)
      .map((point) => `${point.memoryMb} MB $${point.meanCostPerMillion.toFixed(4)}`);
    return {
      chosenMb: chosen.memoryMb,
      reason:
        `${chosen.memoryMb} MB: the cheapest size at which every handler's peak RSS × ${settings.memoryHeadroom} fits and every operation stays I/O-bound ` +
        `(CPU part ≤ ${settings.maxCpuShareOfWait} × its DynamoDB wait); $${chosen.meanCostPerMillion.toFixed(4)} per million on average (${others.join(', ')}). ` +
        (rejected.length ? `Not chosen: ${rejected.join('; ')}.` : ''),
    };
  }
  // Nothing qualifies: the largest size that fits (the most CPU), or the largest there is.
  const fitting = perSize.filter((point) => point.fitsMemory);
  const fallback = [...(fitting.length ? fitting : perSize)].sort((a, b) => b.memoryMb - a.memoryMb)[0]!;
  return {
    chosenMb: fallback.memoryMb,
    reason: `No size meets both conditions (${rejected.join('; ')}); ${fallback.memoryMb} MB is the largest ${fitting.length ? 'that fits' : 'compared, and nothing fits'}: measure larger sizes.`,
  };
}

function whyNot(point: SizePoint, settings: Pick<SizingSettings, 'memoryHeadroom'>): string {
  const reasons: string[] = [];
  const tight = point.perOperation.filter((op) => !op.fitsMemory);
  if (tight.length) {
    const worst = tight.reduce((a, b) => (b.maxRssMiB > a.maxRssMiB ? b : a));
    reasons.push(`peak RSS ${worst.maxRssMiB} MiB (${worst.operation}) × ${settings.memoryHeadroom} > ${point.memoryMb}`);
  }
  const cpuBound = point.perOperation.filter((op) => !op.ioBound);
  if (cpuBound.length) {
    const worst = cpuBound.reduce((a, b) => (b.cpuPartMs / b.waitMs > a.cpuPartMs / a.waitMs ? b : a));
    reasons.push(
      `CPU-bound in ${cpuBound.length} of ${point.perOperation.length} operations (worst ${worst.operation}: ${worst.cpuPartMs} ms CPU vs ${worst.waitMs} ms wait)`,
    );
  }
  return reasons.join(' and ');
}
