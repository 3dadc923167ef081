package io.hvst.statemachine.cluster;

/** CPU in millicores and memory in bytes. */
public record Resources(long milliCpu, long memoryBytes) {
  public static final Resources NONE = new Resources(0, 0);

  public Resources plus(Resources other) {
    return new Resources(milliCpu + other.milliCpu, memoryBytes + other.memoryBytes);
  }

  public Resources minus(Resources other) {
    return new Resources(milliCpu - other.milliCpu, memoryBytes - other.memoryBytes);
  }

  public boolean fitsIn(Resources capacity) {
    return milliCpu <= capacity.milliCpu && memoryBytes <= capacity.memoryBytes;
  }
}
