# The hub's image for docker-compose.yml: build the jar first with mvn -B -DskipTests package.
FROM eclipse-temurin:17-jre
RUN useradd --system --home /var/lib/relais relais && mkdir -p /var/lib/relais /srv/share && chown relais /var/lib/relais /srv/share
COPY target/relais.jar /opt/relais/relais.jar
USER relais
WORKDIR /var/lib/relais
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/opt/relais/relais.jar"]
