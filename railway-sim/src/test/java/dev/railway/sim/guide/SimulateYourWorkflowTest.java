package dev.railway.sim.guide;

import static org.assertj.core.api.Assertions.assertThat;

import dev.railway.definition.Backoff;
import dev.railway.definition.Compromise;
import dev.railway.definition.Concern;
import dev.railway.definition.Necessity;
import dev.railway.definition.Rationale;
import dev.railway.definition.Risk;
import dev.railway.definition.Tasks;
import dev.railway.definition.Visibility;
import dev.railway.definition.Workflow;
import dev.railway.sim.Fault;
import dev.railway.sim.SimulatedParty;
import dev.railway.sim.SimulatedWorld;
import dev.railway.sim.Simulation;
import dev.railway.sim.SimulationResult;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The example of docs/SIMULATION.md, kept compiling and passing here. */
class SimulateYourWorkflowTest {

  // --- your workflow: text a customer that their parcel shipped (an opaque SMS gateway)
  record Shipped(String parcelId, String phone) {}

  record Texted(String parcelId, String messageId) {}

  record MaybeTexted(String parcelId) {}

  record NotTexted(String parcelId, String error) {}

  interface SmsGateway {
    String send(String phone, String text) throws Exception;
  }

  static Workflow<Shipped> notifyShipped(SmsGateway sms) {
    return Workflow.builder("notify-shipped", Shipped.class)
        .startAt("text-customer")
        .triggerId(Shipped::parcelId)
        .tasks(
            Tasks.blackBoxed("text-customer", Shipped.class, String.class)
                .identifiedBy(s -> "text-" + s.parcelId())
                .attempt((s, taskId) -> sms.send(s.phone(), "Your parcel is on its way"))
                .decide((s, id) -> new Texted(s.parcelId(), id), Texted.class)
                .compromise(
                    Compromise.atMostOnce()
                        .because(
                            new Rationale(
                                Visibility.INVISIBLE,
                                Necessity.NICE_TO_HAVE,
                                Concern.CUSTOMER,
                                Set.of(Risk.REPUTATION),
                                "the tracking page shows the parcel anyway; two texts look sloppy")),
                    (s, taskId, startedAt) -> new MaybeTexted(s.parcelId()),
                    MaybeTexted.class)
                .onFault(
                    (e, s, taskId) -> new NotTexted(s.parcelId(), e.toString()), NotTexted.class)
                .backoff(Backoff.fixed(Duration.ofSeconds(5), 4))
                .attemptTimeout(Duration.ofSeconds(10))
                .lockGrace(Duration.ofSeconds(5))
                .outcome(Texted.class)
                .outcome(MaybeTexted.class)
                .outcome(NotTexted.class)
                .build())
        .build();
  }

  // --- a simulated SMS gateway: every call goes through world.call, every text is an effect
  static final class SimulatedSms implements SmsGateway, SimulatedParty {
    private final SimulatedWorld world;
    private int sent;

    SimulatedSms(SimulatedWorld world) {
      this.world = world;
      world.register(this);
    }

    @Override
    public String name() {
      return "sms";
    }

    @Override
    public String send(String phone, String text) throws Exception {
      return world.call(
          this,
          "send",
          () -> {
            sent++;
            world.effect(this, "text to " + phone);
            return "sms-" + sent;
          });
    }
  }

  @Test
  void notifyShipped_keepsEveryInvariant_underCrashesDuplicatesAndFaults() {
    SimulationResult result =
        Simulation.of(
                world -> notifyShipped(new SimulatedSms(world)),
                i -> new Shipped("parcel-" + i, "+4100000000" + i))
            .workers(3)
            .instances(3)
            .faults(Fault.defaults())
            .seeds(500)
            .run();

    result.assertNoViolations(); // on failure: the seed, the violations and the trace
    assertThat(result.summaryLine()).isEqualTo("simulate: runs=500 violations=0 seeds=[]");
  }
}
