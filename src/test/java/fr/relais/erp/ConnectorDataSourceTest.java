package fr.relais.erp;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectorDataSourceTest {

    @Test
    void redactsPasswordsAndUserInfoFromUrls() {
        assertThat(ConnectorDataSource.redact("jdbc:sqlserver://sql01:1433;databaseName=MDE;user=relais;password=Tr0ub4dor;encrypt=true"))
                .isEqualTo("jdbc:sqlserver://sql01:1433;databaseName=MDE;user=relais;password=******;encrypt=true");
        assertThat(ConnectorDataSource.redact("jdbc:postgresql://relais:secret@db:5432/x?sslmode=require&PWD=abc"))
                .isEqualTo("jdbc:postgresql://******@db:5432/x?sslmode=require&PWD=******");
        assertThat(ConnectorDataSource.redact("jdbc:h2:file:./data/erp-sim;MODE=MSSQLServer"))
                .isEqualTo("jdbc:h2:file:./data/erp-sim;MODE=MSSQLServer");
    }
}
