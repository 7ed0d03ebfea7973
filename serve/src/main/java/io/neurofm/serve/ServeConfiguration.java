package io.neurofm.serve;

import io.micrometer.core.instrument.MeterRegistry;
import io.neurofm.artifact.ModelRegistry;
import io.neurofm.inference.EmbeddingModels;
import io.neurofm.serve.admission.Admission;
import io.neurofm.serve.admission.AdmissionFilter;
import io.neurofm.serve.batch.ModelLoader;
import io.neurofm.serve.security.ApiKeyFilter;
import io.neurofm.serve.security.ApiKeys;
import io.neurofm.serve.security.BodySizeFilter;
import jakarta.servlet.MultipartConfigElement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.servlet.MultipartConfigFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** The service's beans: the registry, the model loader, API keys, admission control, body limits, the readiness check. */
@Configuration(proxyBeanMethods = false)
public class ServeConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(ServeConfiguration.class);

    @Bean
    ModelRegistry modelRegistry(ServeSettings settings) {
        ModelRegistry registry = ModelRegistry.locate(settings.registry());
        LOG.info("model registry: {}", registry.root());
        return registry;
    }

    @Bean
    ModelLoader modelLoader() {
        return (artifact, reference) -> EmbeddingModels.load(artifact, reference, null);
    }

    @Bean
    ApiKeys apiKeys(ServeSettings settings) {
        ApiKeys keys = new ApiKeys(settings.apiKeys());
        if (keys.open()) {
            LOG.warn("OPEN MODE: no API keys configured (neurofm.api-keys / NEUROFM_API_KEYS); every endpoint "
                    + "answers without a key. Use this only on localhost.");
        } else {
            LOG.info("{} API key(s) configured (kept as SHA-256 hashes); every path but the health probes needs one",
                    keys.count());
        }
        return keys;
    }

    @Bean
    FilterRegistrationBean<ApiKeyFilter> apiKeyFilter(ApiKeys keys) {
        FilterRegistrationBean<ApiKeyFilter> bean = new FilterRegistrationBean<>(new ApiKeyFilter(keys));
        bean.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return bean;
    }

    @Bean
    Admission admission(ServeSettings settings, MeterRegistry meters) {
        Admission admission = new Admission(Admission.limit(settings), meters);
        LOG.info("admission: at most {} inference requests in flight per model (v2) and for /v1 together",
                admission.limit());
        return admission;
    }

    /** After the API-key filter (callers without a key take no places), before the body-size filter and MVC. */
    @Bean
    FilterRegistrationBean<AdmissionFilter> admissionFilter(Admission admission, ModelCatalog catalog,
            ServeSettings settings) {
        FilterRegistrationBean<AdmissionFilter> bean = new FilterRegistrationBean<>(
                new AdmissionFilter(admission, catalog, settings.retryAfterSeconds()));
        bean.setOrder(Ordered.HIGHEST_PRECEDENCE + 15);
        return bean;
    }

    @Bean
    FilterRegistrationBean<BodySizeFilter> bodySizeFilter(ServeSettings settings) {
        FilterRegistrationBean<BodySizeFilter> bean = new FilterRegistrationBean<>(
                new BodySizeFilter(settings.maxRequestSize().toBytes(), settings.maxFileSize().toBytes()));
        bean.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return bean;
    }

    @Bean
    MultipartConfigElement multipartConfig(ServeSettings settings) {
        MultipartConfigFactory factory = new MultipartConfigFactory();
        factory.setMaxFileSize(settings.maxFileSize());
        factory.setMaxRequestSize(settings.maxFileSize());
        factory.setFileSizeThreshold(org.springframework.util.unit.DataSize.ofMegabytes(1));
        return factory.createMultipartConfig();
    }

    /** Readiness: at least one model loaded (the actuator's readiness group includes it as "models"). */
    @Bean(name = "models")
    HealthIndicator modelsHealth(ModelCatalog catalog) {
        return () -> catalog.ready()
                ? Health.up().withDetail("models", catalog.all().size()).build()
                : Health.outOfService().withDetail("reason", "no model loaded").build();
    }
}
