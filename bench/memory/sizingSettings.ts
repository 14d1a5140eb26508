/** The Lambda sizing model's inputs, settings and results (lambdaSizing.ts computes them, sizeRule.ts chooses from them). */

/** The prices the model needs, in the shape of bench/cost/prices.json. */
export interface LambdaPrices {
  lambda: {
    perMillionRequests: { price: number };
    perGbSecondArm64: { price: number };
  };
}

export interface SizingOptions {
  /** Sizes to compare, MB. */
  memorySizesMb?: readonly number[];
  /** One in-region DynamoDB request as the function waits for it, ms. */
  dynamoDbWaitMs?: number;
  /** DynamoDB requests per operation; any operation not named makes one. */
  roundTrips?: Readonly<Record<string, number>>;
  /** Peak RSS times this must fit in the size. */
  memoryHeadroom?: number;
  /** The CPU part of an operation's duration may be at most this share of its DynamoDB wait. */
  maxCpuShareOfWait?: number;
}

export interface OperationAtSize {
  operation: string;
  /** CPU per invocation on this machine (one full core), ms, from the operation's longest run. */
  measuredCpuMs: number;
  /** The V8 limits (size) of that run. */
  cpuMeasuredAtMb: number;
  /** The V8 limits (size) of the run the peak RSS comes from: this size's, or the nearest measured. */
  rssMeasuredAtMb: number;
  /** That CPU on the fraction of a vCPU Lambda gives this size, ms. */
  cpuPartMs: number;
  waitMs: number;
  modelledMs: number;
  /** Rounded up to the next whole ms, as Lambda bills. */
  billedMs: number;
  /** Requests + GB-seconds, USD per million invocations. */
  lambdaCostPerMillion: number;
  maxRssMiB: number;
  fitsMemory: boolean;
  /** The CPU part is within maxCpuShareOfWait of the wait: DynamoDB, not the CPU share, sets the duration. */
  ioBound: boolean;
}

export interface SizePoint {
  memoryMb: number;
  /** Share of one vCPU: memoryMb / 1769, at most 1. */
  vcpuShare: number;
  perOperation: OperationAtSize[];
  /** Mean over the operations, USD per million (an even mix of operations). */
  meanCostPerMillion: number;
  fitsMemory: boolean;
  ioBound: boolean;
}

export interface LambdaSizing {
  assumptions: {
    fullVcpuMb: number;
    dynamoDbWaitMs: number;
    roundTrips: Record<string, number>;
    memoryHeadroom: number;
    maxCpuShareOfWait: number;
    prices: { perMillionRequests: number; perGbSecondArm64: number };
    /** The model and the rule in words, with sources, for the report. */
    notes: string[];
  };
  perSize: SizePoint[];
  chosenMb: number;
  reason: string;
}

/** Lambda gives a function at 1,769 MB the equivalent of one vCPU, and CPU in proportion to memory. */
export const FULL_VCPU_MB = 1769;

/** The options with every default applied (roundTrips aside: one per operation unless named). */
export type SizingSettings = Required<Omit<SizingOptions, 'roundTrips'>>;

export const SIZING_DEFAULTS: Readonly<SizingSettings> = {
  memorySizesMb: [128, 256, 512, 1024],
  dynamoDbWaitMs: 5,
  memoryHeadroom: 1.5,
  maxCpuShareOfWait: 1,
};
