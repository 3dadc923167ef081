package io.hvst.controller.act;

import io.hvst.controller.kube.JobAdapter;
import io.hvst.controller.observe.WriteExpectations;
import io.hvst.statemachine.decide.UpgradeAction.CreateJob;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates a node Job, or adopts the one a previous run of the controller created. */
public final class CreateJobHandler implements ActionHandler<CreateJob> {

  private static final Logger LOG = LoggerFactory.getLogger(CreateJobHandler.class);

  private final JobAdapter jobs;
  private final WriteExpectations expectations;
  private final Clock clock;

  public CreateJobHandler(JobAdapter jobs, WriteExpectations expectations, Clock clock) {
    this.jobs = jobs;
    this.expectations = expectations;
    this.clock = clock;
  }

  @Override
  public Class<CreateJob> type() {
    return CreateJob.class;
  }

  @Override
  public void execute(ActionContext context, CreateJob action) {
    Optional<String> created = jobs.createOrAdopt(action.job(), context.owner());
    created.ifPresent(
        rv ->
            expectations.expect(
                new WriteExpectations.Key("Job", action.job().namespace(), action.job().name()),
                rv,
                clock.instant()));
    LOG.info(
        "{} Job {}/{} on node {} (image {})",
        created.isPresent() ? "Created" : "Adopted existing",
        action.job().namespace(),
        action.job().name(),
        action.job().node(),
        action.job().image());
  }
}
