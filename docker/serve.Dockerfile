# neurofm serving image: the neurofm command started as `neurofm serve` (Spring Boot, port 8080),
# CPU libtorch from the Maven jars. Build from the repository root:
#   docker build -f docker/serve.Dockerfile -t REGISTRY/neurofm-serve:0.1.0 .
# Models come from the registry folder NEUROFM_MODELS (a mounted volume); API keys from the
# environment variable NEUROFM_API_KEYS, which the orchestrator sets from a secret: the image holds none.

FROM maven:3.9.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q -DskipTests package -pl cli -am

FROM eclipse-temurin:17.0.15_6-jre-jammy
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 neurofm \
    && useradd --system --uid 10001 --gid neurofm --home-dir /home/neurofm --create-home neurofm \
    && mkdir -p /models /var/cache/neurofm \
    && chown neurofm:neurofm /models /var/cache/neurofm
COPY --from=build /src/cli/target/neurofm-cli.jar /opt/neurofm/neurofm-cli.jar
COPY --from=build /src/cli/target/lib/ /opt/neurofm/lib/
ENV NEUROFM_MODELS=/models \
    DJL_OFFLINE=true \
    MALLOC_MMAP_THRESHOLD_=33554432 \
    MALLOC_TRIM_THRESHOLD_=1073741824 \
    MALLOC_ARENA_MAX=1 \
    DJL_CACHE_DIR=/var/cache/neurofm/djl \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
USER 10001:10001
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD curl -fsS http://127.0.0.1:8080/actuator/health/liveness || exit 1
ENTRYPOINT ["java", "--add-modules", "jdk.incubator.vector", "-jar", "/opt/neurofm/neurofm-cli.jar"]
CMD ["serve", "--host", "0.0.0.0", "--port", "8080"]
