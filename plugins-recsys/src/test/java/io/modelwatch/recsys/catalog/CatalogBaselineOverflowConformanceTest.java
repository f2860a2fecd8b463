package io.modelwatch.recsys.catalog;

/**
 * The conformance laws of {@code recsys.catalog} without a popularity file when the distinct-item
 * bound is small enough that some states switch to sketches and others do not.
 */
class CatalogBaselineOverflowConformanceTest extends CatalogBaselineConformanceTest {
    @Override
    protected long maxItems() {
        return 38;
    }
}
