// The mini-program has no Content-Security-Policy to satisfy: see csp.h5.ts for H5.
export {}
