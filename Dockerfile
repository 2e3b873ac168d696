# syntax=docker/dockerfile:1
# Ludus's container image for those who build with Docker:
#
#   docker build -t ludus .
#   docker run -p 8080:8080 -v ludus-data:/data ludus
#
# The same image, in all that a user sees, as `./mvnw -Pimage package` (Jib, no daemon; the one CI
# builds and starts): the shaded jar at /app/ludus.jar, uid 10001, /data as the volume and
# LUDUS_DATA_DIR, port 8080, the same health check script, the same exec-form entrypoint. It runs on
# Eclipse Temurin's JRE 21 image (Ubuntu) instead of the Debian base with a jlinked runtime. See
# docs/operations.md, "Container image", and docs/adr/0031.

FROM eclipse-temurin:21-jdk AS build
WORKDIR /src
COPY mvnw pom.xml ./
COPY .mvn/ .mvn/
# Every module's pom: the reactor reads them all, even when it builds the server alone.
COPY server/pom.xml server/
COPY clients/java/pom.xml clients/java/
COPY bench/pom.xml bench/
COPY server/src/main/ server/src/main/
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q -Dmaven.test.skip=true -pl server -am package \
    && cp server/target/ludus.jar /ludus.jar

FROM eclipse-temurin:21-jre
# openssl: the health check's HTTPS client when LUDUS_TLS_CERT is set.
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends openssl \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --gid 10001 ludus \
    && useradd --uid 10001 --gid 10001 --home-dir /data --no-create-home --shell /usr/sbin/nologin ludus \
    && install -d -m 0750 -o 10001 -g 10001 /data
COPY --chmod=0755 deploy/image/ludus-healthcheck /usr/local/bin/ludus-healthcheck
COPY --from=build /ludus.jar /app/ludus.jar
ENV LUDUS_DATA_DIR=/data
USER 10001:10001
WORKDIR /data
VOLUME /data
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=6s --start-period=60s --retries=3 CMD ["/usr/local/bin/ludus-healthcheck"]
# Exec form: the JVM is process 1 and receives SIGTERM itself (its shutdown hook stops the server).
# Heap: 75% of the container's memory limit; an OutOfMemoryError ends the process. More JVM options
# through JDK_JAVA_OPTIONS.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-jar", "/app/ludus.jar"]
CMD ["serve"]
