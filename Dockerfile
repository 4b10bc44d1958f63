# SIPCall: build the runnable jar with the Maven wrapper, run it on a JRE as an unprivileged user.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -q package -DskipTests

FROM eclipse-temurin:17-jre
RUN useradd --system --home-dir /var/lib/sipcall --create-home sipcall \
    && mkdir -p /var/lib/sipcall/data && chown sipcall /var/lib/sipcall/data
COPY --from=build /src/app/target/sipcall.jar /opt/sipcall/sipcall.jar
USER sipcall
WORKDIR /var/lib/sipcall
ENV SIPCALL_DATA_DIR=/var/lib/sipcall/data
VOLUME ["/var/lib/sipcall/data"]
# SIP over UDP/TCP and TLS.
EXPOSE 5060/udp 5060/tcp 5061/tcp
ENTRYPOINT ["java", "-XX:+UseZGC", "-Xmx1g", "-jar", "/opt/sipcall/sipcall.jar"]
