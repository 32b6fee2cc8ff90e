/** Types of thread-priority.mjs, plain JavaScript so worker threads load it without a TypeScript loader. */
export declare const BACKGROUND_NICENESS: number;
export declare function lowerThisThreadPriority(): void;
