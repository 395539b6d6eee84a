package fr.relais;

import fr.relais.cli.Commands;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Starts the hub, or runs one of the command-line commands ({@code match-customers}, {@code classify}, ...)
 * without starting any server when the first argument names one.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class RelaisApplication {

    public static void main(String[] args) {
        var command = Commands.find(args);
        if (command.isPresent()) {
            System.exit(Commands.run(command.get(), args));
        }
        try {
            SpringApplication.run(RelaisApplication.class, args);
        } catch (RuntimeException e) {
            // The failure was reported above; servers already started (broker, mail) must not keep a
            // half-started hub alive.
            System.exit(1);
        }
    }
}
