/**
 * Benchmarks: one sub-package per benchmark (data loader, benchmark, test), each seeing models
 * only through {@link org.brainalign.core.subject.Subject}.
 */
package org.brainalign.benchmarks;
