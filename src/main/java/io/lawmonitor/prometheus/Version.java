package io.lawmonitor.prometheus;

/** The monitor's version: in its command line's {@code --version} and in every process's {@code lawmonitor_build_info}. */
public final class Version {
  public static final String NUMBER = "0.1.0";

  private Version() {}
}
