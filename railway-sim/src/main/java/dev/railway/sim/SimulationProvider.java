package dev.railway.sim;

/**
 * Tells {@code ./railway simulate --class FQCN} how to simulate your workflow: implement it with a
 * public no-argument constructor. The command then applies its own {@code --seeds}, {@code --seed},
 * {@code --workers}, {@code --instances}, {@code --faults} and {@code --sqlite}.
 */
@FunctionalInterface
public interface SimulationProvider {
  Simulation<?> simulation();
}
