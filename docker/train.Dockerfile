# neurofm training image: the neurofm command on CUDA 12.8 with libtorch 2.7.1+cu128, for
# `neurofm pretrain` (and the other verbs) on an NVIDIA GPU. Build from the repository root:
#   docker build -f docker/train.Dockerfile -t REGISTRY/neurofm-train:0.1.0 .
# Optionally pin the libtorch archive: --build-arg LIBTORCH_SHA256=<sha256 of the zip>.

FROM maven:3.9.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q -DskipTests package -pl cli -am

FROM eclipse-temurin:17.0.15_6-jre-jammy AS jre

FROM nvidia/cuda:12.8.1-runtime-ubuntu22.04
ARG LIBTORCH_URL=https://download.pytorch.org/libtorch/cu128/libtorch-cxx11-abi-shared-with-deps-2.7.1%2Bcu128.zip
ARG LIBTORCH_SHA256=""
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates curl unzip libgomp1 \
    && curl -fsSL -o /tmp/libtorch.zip "$LIBTORCH_URL" \
    && if [ -n "$LIBTORCH_SHA256" ]; then echo "$LIBTORCH_SHA256  /tmp/libtorch.zip" | sha256sum -c -; fi \
    && unzip -q /tmp/libtorch.zip -d /opt \
    && rm /tmp/libtorch.zip \
    && apt-get purge -y unzip && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 neurofm \
    && useradd --system --uid 10001 --gid neurofm --home-dir /home/neurofm --create-home neurofm \
    && mkdir -p /data /checkpoints /models /var/cache/neurofm \
    && chown neurofm:neurofm /checkpoints /models /var/cache/neurofm
COPY --from=jre /opt/java/openjdk /opt/java/openjdk
COPY --from=build /src/cli/target/neurofm-cli.jar /opt/neurofm/neurofm-cli.jar
COPY --from=build /src/cli/target/lib/ /opt/neurofm/lib/
# DJL takes libtorch from PYTORCH_LIBRARY_PATH instead of the CPU jar, and its cu128 JNI library
# from the pytorch-jni jar; nothing is downloaded at run time.
ENV JAVA_HOME=/opt/java/openjdk \
    PATH=/opt/java/openjdk/bin:$PATH \
    PYTORCH_LIBRARY_PATH=/opt/libtorch/lib \
    PYTORCH_VERSION=2.7.1 \
    PYTORCH_FLAVOR=cu128 \
    LD_LIBRARY_PATH=/opt/libtorch/lib \
    NEUROFM_MODELS=/models \
    NEUROFM_DATA=/data \
    DJL_OFFLINE=true \
    MALLOC_MMAP_THRESHOLD_=33554432 \
    MALLOC_TRIM_THRESHOLD_=1073741824 \
    MALLOC_ARENA_MAX=1 \
    DJL_CACHE_DIR=/var/cache/neurofm/djl \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
USER 10001:10001
WORKDIR /checkpoints
ENTRYPOINT ["java", "--add-modules", "jdk.incubator.vector", "-jar", "/opt/neurofm/neurofm-cli.jar"]
CMD ["--help"]
