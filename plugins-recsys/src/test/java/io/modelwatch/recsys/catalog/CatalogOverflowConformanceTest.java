package io.modelwatch.recsys.catalog;

/**
 * The conformance laws of {@code recsys.catalog} when the distinct-item bound is small enough that
 * some states overflow and others do not: overflow must depend only on the items seen.
 */
class CatalogOverflowConformanceTest extends CatalogConformanceTest {
    @Override
    protected long maxItems() {
        return 38;
    }
}
