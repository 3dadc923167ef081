package io.hvst.controller;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The upgrade controller, as a Spring Boot application. */
@SpringBootApplication
public class UpgradeControllerApplication {

  public static void main(String[] args) {
    SpringApplication.run(UpgradeControllerApplication.class, args);
  }
}
