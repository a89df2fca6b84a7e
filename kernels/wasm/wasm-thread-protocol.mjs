// Generated from wasm-thread-protocol.ts by npm run build:worker-protocol: edit that file, not this one.
// The job protocol between the main thread and the kernel workers (see wasm-threads.ts), in
// one place for both sides. The worker is plain JavaScript (loaded without a TypeScript
// loader), so it imports wasm-thread-protocol.mjs, generated from this file by
// `npm run build:worker-protocol`; a test fails when the two differ.
/** Int32 slots of the control buffer. */
export const JOB_NEXT = 0;
export const JOB_DONE = 1;
export const JOB_ACTIVE = 2;
export const JOB_STARTING = 3;
/** Ranges computed by workers since the pool started (statistics for tests and benchmarks). */
export const JOB_WORKER_RANGES = 4;
/** Set by a worker whose range failed (a trap): the job is reported as failed, never waited on forever. */
export const JOB_FAILED = 5;
/** What a job computes: p[0] of the parameters. */
export const JOB_GEMM = 0;
export const JOB_DWCONV = 1;
export const JOB_I8GEMM = 2;
export const JOB_NBITS_GEMV = 3;
export const JOB_NBITS_GEMM = 4;
/**
 * Float64 slots: JOB_HEADER for the call, then 4 per range. p[0] is the kind; a GEMM has
 * (m n k pa pb c ldc tiles beta bias biasMode act p0 p1) in p[1..14] and ranges (rowBegin
 * rowEnd colBegin colEnd); a depthwise convolution has dwconv_3x3's arguments (x wts bias y
 * channels h w oh ow padT padL stride z act p0 p1 scratch) in p[1..17], the scratch bytes per
 * range in p[18], and ranges (planeBegin planeEnd - -); an int8 GEMM has (m n k pa pb c ldc)
 * in p[1..7] and ranges as a GEMM's; MatMulNBits' one-row product has nbits_gemv's arguments
 * (a k n bits blockSize pw pp bias y tiles) in p[1..10] and ranges (panelBegin panelEnd - -),
 * its GEMM nbits_gemm_range's (m n k bits blockSize pa pw pp bias c ldc tiles scratch) in
 * p[1..13], the scratch bytes per range in p[14], and ranges (colBegin colEnd - -).
 */
export const MAX_RANGES = 64;
export const JOB_HEADER = 19;
export const JOB_PARAMS = JOB_HEADER + 4 * MAX_RANGES;
export const SCRATCH_TILE_BYTES = 128; // MR x NR floats
/**
 * Ranges a job is cut into per thread. More than one lets whoever is early (usually the main
 * thread, while a worker wakes up) take a larger share; every range gives the same bits.
 */
export const RANGES_PER_THREAD = 4;
/** How many ranges to cut a job into for `threads` threads. */
export function rangeCount(threads) {
    return Math.min(MAX_RANGES, threads * RANGES_PER_THREAD);
}
/** The published job: 11 bits of sequence number, 10 of range count, 10 of next range. */
export function jobWord(seq, count, next) {
    return (seq << 20) | (count << 10) | next;
}
/** Computes range r of the job in `p`. */
function runRange(x, p, r) {
    const q = JOB_HEADER + 4 * r;
    if (p[0] === JOB_DWCONV) {
        x.dwconv_3x3_range(p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9], p[10], p[11], p[12], p[13], p[14], p[15], p[16], p[17] + r * p[18], p[q], p[q + 1]);
    }
    else if (p[0] === JOB_I8GEMM) {
        x.i8_gemm_packed_range(p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[q], p[q + 1], p[q + 2], p[q + 3]);
    }
    else if (p[0] === JOB_NBITS_GEMV) {
        x.nbits_gemv(p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9], p[10] + r * SCRATCH_TILE_BYTES, p[q], p[q + 1]);
    }
    else if (p[0] === JOB_NBITS_GEMM) {
        // nbits_gemm_range sets the float epilogue itself, per column block
        x.nbits_gemm_range(p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9], p[10], p[11], p[12] + r * SCRATCH_TILE_BYTES, p[13] + r * p[14], p[q], p[q + 1]);
    }
    else {
        x.gemm_packed_range(p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8] + r * SCRATCH_TILE_BYTES, p[q], p[q + 1], p[q + 2], p[q + 3]);
    }
}
/**
 * Claims and computes ranges of the published job until none is left (on a worker, or the
 * main thread taking its share). A claim succeeds only
 * while the word still names this job, and the main thread rewrites the parameters only after
 * every claimed range is done, so what is read after a claim is the claimed job's.
 */
export function runClaimedRanges(x, ctl, p, inWorker = false) {
    let v = Atomics.load(ctl, JOB_NEXT);
    let epilogueSet = -1;
    while ((v & 0x3ff) < ((v >>> 10) & 0x3ff)) {
        const seen = Atomics.compareExchange(ctl, JOB_NEXT, v, v + 1);
        if (seen !== v) {
            v = seen;
            continue;
        }
        const r = v & 0x3ff, count = (v >>> 10) & 0x3ff;
        // the epilogue lives in the instance's globals
        if (p[0] === JOB_GEMM && epilogueSet !== v >>> 20) {
            x.gemm_set_epilogue(p[9], p[10], p[11], p[12], p[13], p[14]);
            epilogueSet = v >>> 20;
        }
        if (inWorker) {
            try {
                runRange(x, p, r);
            }
            catch {
                // the range still counts as done, or the main thread would wait for it forever;
                // the failure flag makes the main thread report the job as failed
                Atomics.store(ctl, JOB_FAILED, 1);
            }
            Atomics.add(ctl, JOB_WORKER_RANGES, 1);
        }
        else {
            // a trap here propagates: the main thread closes the job and waits (wasm-threads.ts)
            runRange(x, p, r);
        }
        if (Atomics.add(ctl, JOB_DONE, 1) + 1 === count)
            Atomics.notify(ctl, JOB_DONE);
        v = Atomics.load(ctl, JOB_NEXT);
    }
}
/**
 * A worker's serving loop: computes published ranges until `idleMs` pass without a job (Node's
 * workers end it so an idle pool never holds the process; a browser's may serve forever).
 * Runs on a worker only, where Atomics.wait may block.
 */
export function serveJobs(x, ctl, p, idleMs) {
    Atomics.add(ctl, JOB_ACTIVE, 1);
    Atomics.sub(ctl, JOB_STARTING, 1);
    try {
        for (;;) {
            runClaimedRanges(x, ctl, p, true);
            const v = Atomics.load(ctl, JOB_NEXT);
            if ((v & 0x3ff) < ((v >>> 10) & 0x3ff))
                continue;
            if (Atomics.wait(ctl, JOB_NEXT, v, idleMs) === 'timed-out')
                break;
        }
    }
    finally {
        Atomics.sub(ctl, JOB_ACTIVE, 1);
    }
}
