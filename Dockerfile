# Every image of ours, from one Maven build (BuildKit; Compose v2 uses it, setup.sh turns it on for
# Compose v1). Docker is all it needs: the JDK, Maven and the dependencies come inside the build.
#   docker build --target producer   -t crypto-lakehouse/producer .
#   docker build --target dashboard  -t crypto-lakehouse/dashboard .
#   docker build --target spark-jobs -t crypto-lakehouse/spark-jobs .   (Spark's image + our job jars)
# The base images are build arguments, so a registry mirror or a local build can stand in.
ARG JDK_IMAGE=eclipse-temurin:17-jdk
ARG JRE_IMAGE=eclipse-temurin:17-jre
ARG SPARK_IMAGE=apache/spark:4.1.1-scala2.13-java17-ubuntu

FROM ${JDK_IMAGE} AS build
WORKDIR /src
# The whole tree (Maven needs every module the root POM lists); .dockerignore keeps build output,
# data directories and secrets out. Only the deployed modules and what they need are built; the
# Maven repository is a build cache, so a rebuild downloads nothing it already has.
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -ntp -q package -DskipTests -Dspotless.check.skip=true -Dcheckstyle.skip=true \
      -pl producer-service,dashboard-service,bronze-ingest-job,silver-transform-job,gold-aggregate-job,maintenance-job -am \
 && mkdir -p /out/jobs \
 && for job in bronze-ingest-job silver-transform-job gold-aggregate-job maintenance-job; do \
      cp "$job/target/$job-0.1.0-SNAPSHOT-spark-submit.jar" "/out/jobs/$job.jar"; \
    done \
 && for app in producer-service dashboard-service; do \
      java -Djarmode=tools -jar "$app/target/$app-0.1.0-SNAPSHOT.jar" extract --layers --launcher --destination "/out/$app"; \
    done

# Spark's image with the four job jars in /opt/jobs (bronze, silver, gold, maintenance).
FROM ${SPARK_IMAGE} AS spark-jobs
COPY --from=build /out/jobs/ /opt/jobs/

FROM ${JRE_IMAGE} AS service
# Non-root: the services need no privileges and write nothing to disk.
RUN groupadd --system --gid 10001 crypto && useradd --system --uid 10001 --gid crypto crypto
WORKDIR /app
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]

FROM service AS producer
COPY --from=build /out/producer-service/dependencies/ ./
COPY --from=build /out/producer-service/spring-boot-loader/ ./
COPY --from=build /out/producer-service/snapshot-dependencies/ ./
COPY --from=build /out/producer-service/application/ ./
USER 10001
EXPOSE 8081

FROM service AS dashboard
COPY --from=build /out/dashboard-service/dependencies/ ./
COPY --from=build /out/dashboard-service/spring-boot-loader/ ./
COPY --from=build /out/dashboard-service/snapshot-dependencies/ ./
COPY --from=build /out/dashboard-service/application/ ./
USER 10001
EXPOSE 8082
