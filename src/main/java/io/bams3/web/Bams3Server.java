package io.bams3.web;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/** The htsget server (Spring Boot). Started by {@code bams3 serve}; the rest of the CLI runs without Spring. */
@SpringBootApplication
public class Bams3Server {

    public static ConfigurableApplicationContext start(String... args) {
        SpringApplication app = new SpringApplication(Bams3Server.class);
        app.addListeners(readyBanner());
        return app.run(args);
    }

    private static ApplicationListener<ApplicationReadyEvent> readyBanner() {
        return event -> {
            Environment env = event.getApplicationContext().getEnvironment();
            Bams3Properties props = event.getApplicationContext().getBean(Bams3Properties.class);
            String base = "http://localhost:" + env.getProperty("local.server.port", "8080");
            System.out.println("bams3 htsget server ready at " + base + "/reads/");
            if (props.demo().enabled()) {
                String id = props.demo().id();
                System.out.println(
                        "try: curl '" + base + "/reads/" + id + "?referenceName=11&start=4999999&end=5010000'");
                System.out.println("     samtools view '" + base + "/reads/" + id
                        + "?referenceName=11&start=4999999&end=5010000' | head");
                System.out.println("     curl '" + base + "/reads/data/" + id
                        + "?format=SAM&referenceName=11&start=5009999&end=5010000'");
            }
        };
    }
}
