package dev.wrapup.scheduler;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.SimpleTrigger;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;
import org.quartz.listeners.TriggerListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Persistent one-off tasks ("start the analysis call of incident 12 at 14:00") on Quartz's JDBC job
 * store: they survive restarts, and one whose time passed while the bot was down runs as soon as it
 * is back. The bot registers what each task does.
 *
 * <p>Quartz fires tasks by the system clock. {@link #runDue()} runs the tasks that are due by the
 * clock given here, so that a test can move its clock forward and see what happens then without
 * waiting for it.
 *
 * <p>One class though a little over 250 lines: Quartz's firings and {@link #runDue()} share the
 * tasks and the lock that keeps one firing from running twice, and {@link TaskJob} stays nested
 * because its name is stored in Quartz's tables with every task planned.
 */
public final class Scheduling implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Scheduling.class);
    private static final String CONTEXT_KEY = "wrapup.scheduling";

    /** What a task does when its time comes; subjectId is usually an incident id. */
    @FunctionalInterface
    public interface Task {
        void run(long subjectId) throws Exception;
    }

    private final Scheduler quartz;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Map<String, Task> tasks = new ConcurrentHashMap<>();

    /**
     * Firings ({@link #firing}) that {@link #runDue()} took before Quartz could; guarded by itself.
     */
    private final Set<String> takenByRunDue = new HashSet<>();

    /**
     * Counts each task run in {@code wrapup.jobs.fired} and each misfire in {@code ...misfired}.
     */
    public Scheduling(Scheduler quartz, Clock clock, MeterRegistry meters)
            throws SchedulerException {
        this.quartz = quartz;
        this.clock = clock;
        this.meters = meters;
        quartz.getContext().put(CONTEXT_KEY, this);
        quartz.getListenerManager().addTriggerListener(new Misfires());
    }

    public void register(String task, Task action) {
        tasks.put(task, action);
    }

    /** Starts firing tasks; register every task first. */
    public void start() throws SchedulerException {
        quartz.start();
    }

    /**
     * This scheduler's name among the replicas, as Quartz's tables keep it (the instance whose
     * tasks another replica takes over when it dies).
     */
    public String instanceId() {
        try {
            return quartz.getSchedulerInstanceId();
        } catch (SchedulerException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs the task at the given time, replacing any earlier plan for the same task and subject.
     */
    public void at(String task, long subjectId, Instant when) {
        JobKey key = key(task, subjectId);
        JobDetail job =
                JobBuilder.newJob(TaskJob.class)
                        .withIdentity(key)
                        .usingJobData("task", task)
                        .usingJobData("subject", subjectId)
                        .requestRecovery(true)
                        .storeDurably(false)
                        .build();
        Trigger trigger =
                TriggerBuilder.newTrigger()
                        .withIdentity(new TriggerKey(key.getName(), key.getGroup()))
                        .startAt(Date.from(when))
                        .withSchedule(
                                SimpleScheduleBuilder.simpleSchedule()
                                        .withMisfireHandlingInstructionFireNow())
                        .build();
        try {
            quartz.scheduleJob(job, Set.of(trigger), true);
        } catch (SchedulerException e) {
            throw new IllegalStateException("could not schedule " + key + ": " + e.getMessage(), e);
        }
    }

    /**
     * Runs the task (with subject 0) every {@code interval}, the first time one interval from now,
     * on one replica per firing; firings missed while no bot was running are not made up. A plan
     * already stored with the same interval is kept, so that replicas starting one after another do
     * not keep pushing it back. Such a task decides for itself what is due, and must do nothing
     * twice when run twice at once ({@link #runDue()} runs it beside Quartz).
     */
    public void every(String task, Duration interval) {
        JobKey key = key(task, 0);
        TriggerKey triggerKey = new TriggerKey(key.getName(), key.getGroup());
        try {
            if (quartz.getTrigger(triggerKey) instanceof SimpleTrigger planned
                    && planned.getRepeatInterval() == interval.toMillis()
                    && planned.getRepeatCount() == SimpleTrigger.REPEAT_INDEFINITELY) {
                return;
            }
            JobDetail job =
                    JobBuilder.newJob(TaskJob.class)
                            .withIdentity(key)
                            .usingJobData("task", task)
                            .usingJobData("subject", 0L)
                            .storeDurably(false)
                            .build();
            Trigger trigger =
                    TriggerBuilder.newTrigger()
                            .withIdentity(triggerKey)
                            // Quartz fires by the system clock, not by this class's.
                            .startAt(Date.from(Instant.now().plus(interval)))
                            .withSchedule(
                                    SimpleScheduleBuilder.simpleSchedule()
                                            .withIntervalInMilliseconds(interval.toMillis())
                                            .repeatForever()
                                            .withMisfireHandlingInstructionNextWithRemainingCount())
                            .build();
            quartz.scheduleJob(job, Set.of(trigger), true);
        } catch (SchedulerException e) {
            throw new IllegalStateException("could not schedule " + key + ": " + e.getMessage(), e);
        }
    }

    /** Cancels the task if it is still to come; true when there was one. */
    public boolean cancel(String task, long subjectId) {
        try {
            return quartz.deleteJob(key(task, subjectId));
        } catch (SchedulerException e) {
            throw new IllegalStateException(
                    "could not cancel " + key(task, subjectId) + ": " + e.getMessage(), e);
        }
    }

    /** When the task will run, if it is planned. */
    public Optional<Instant> when(String task, long subjectId) {
        try {
            Trigger trigger =
                    quartz.getTrigger(new TriggerKey(key(task, subjectId).getName(), task));
            return trigger == null || trigger.getNextFireTime() == null
                    ? Optional.empty()
                    : Optional.of(trigger.getNextFireTime().toInstant());
        } catch (SchedulerException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs, once each and in order of their time, the tasks whose time has come by the clock, and
     * returns how many ran. A recurring task ({@link #every}) whose firing is due runs too, and
     * stays planned; it is not counted, as it runs on every call once the clock is past it. A task
     * that is run here is unscheduled first, so Quartz does not fire it again; a firing Quartz has
     * already begun is left to Quartz. A task that a task plans for a time already due runs on the
     * next call, not in this one.
     */
    public int runDue() {
        Instant now = clock.instant();
        List<Trigger> due = new ArrayList<>();
        try {
            for (String group : tasks.keySet()) {
                for (TriggerKey key :
                        quartz.getTriggerKeys(GroupMatcher.triggerGroupEquals(group))) {
                    Trigger trigger = quartz.getTrigger(key);
                    if (trigger != null
                            && trigger.getNextFireTime() != null
                            && !trigger.getNextFireTime().toInstant().isAfter(now)) {
                        due.add(trigger);
                    }
                }
            }
        } catch (SchedulerException e) {
            throw new IllegalStateException(
                    "could not read the scheduled tasks: " + e.getMessage(), e);
        }
        due.sort(Comparator.comparing(Trigger::getNextFireTime));
        int ran = 0;
        for (Trigger trigger : due) {
            JobKey key = trigger.getJobKey();
            JobDetail job;
            try {
                job = quartz.getJobDetail(key);
            } catch (SchedulerException e) {
                throw new IllegalStateException("could not read " + key + ": " + e.getMessage(), e);
            }
            if (job != null && recurring(trigger)) {
                // Left planned: it runs now as well, and again at its next firing.
                try {
                    run(job.getJobDataMap().getString("task"), 0L);
                } catch (Exception e) {
                    log.error("scheduled task {} failed", key, e);
                }
                continue;
            }
            if (job == null || !take(trigger)) {
                continue;
            }
            try {
                run(job.getJobDataMap().getString("task"), job.getJobDataMap().getLong("subject"));
            } catch (Exception e) {
                log.error("scheduled task {} failed", key, e);
            }
            ran++;
        }
        return ran;
    }

    /**
     * Unschedules a due trigger so that only the caller runs it. Quartz moves a trigger it fires
     * out of the normal state before it runs the job, and a trigger removed before that is not
     * fired at all; the lock and {@link #takenByRunDue} cover a firing that Quartz begins between
     * the state check and the removal.
     */
    private boolean take(Trigger trigger) {
        synchronized (takenByRunDue) {
            try {
                // Still the same firing: not fired by Quartz meanwhile, nor replaced by a new plan.
                Trigger current = quartz.getTrigger(trigger.getKey());
                if (current == null
                        || !trigger.getNextFireTime().equals(current.getNextFireTime())
                        || quartz.getTriggerState(trigger.getKey()) != Trigger.TriggerState.NORMAL
                        || !quartz.unscheduleJob(trigger.getKey())) {
                    return false;
                }
            } catch (SchedulerException e) {
                throw new IllegalStateException(
                        "could not take " + trigger.getKey() + ": " + e.getMessage(), e);
            }
            takenByRunDue.add(firing(trigger.getJobKey(), trigger.getNextFireTime()));
            return true;
        }
    }

    private static boolean recurring(Trigger trigger) {
        return trigger instanceof SimpleTrigger simple
                && simple.getRepeatCount() == SimpleTrigger.REPEAT_INDEFINITELY;
    }

    /** Whether Quartz may run its firing; false when {@link #runDue()} already took it. */
    private boolean quartzMayRun(JobKey key, Date scheduledFireTime) {
        synchronized (takenByRunDue) {
            return !takenByRunDue.remove(firing(key, scheduledFireTime));
        }
    }

    private static String firing(JobKey key, Date fireTime) {
        return key + "@" + (fireTime == null ? 0 : fireTime.getTime());
    }

    private static JobKey key(String task, long subjectId) {
        return new JobKey(task + "-" + subjectId, task);
    }

    void run(String task, long subjectId) throws Exception {
        Task action = tasks.get(task);
        if (action == null) {
            log.error("no action registered for scheduled task {}; it is dropped", task);
            return;
        }
        log.info("running scheduled task {} for {}", task, subjectId);
        counter("wrapup.jobs.fired", "Scheduled tasks run, by Quartz or by runDue", task)
                .increment();
        action.run(subjectId);
    }

    /** Task names are the bot's own constants, so the tag has a few values only. */
    private Counter counter(String name, String description, String task) {
        return Counter.builder(name).description(description).tag("task", task).register(meters);
    }

    /** Counts the firings Quartz found late (the bot was down or busy past the threshold). */
    private final class Misfires extends TriggerListenerSupport {
        @Override
        public String getName() {
            return "wrapup-misfires";
        }

        @Override
        public void triggerMisfired(Trigger trigger) {
            // A task's triggers are grouped by the task's name (see key).
            counter(
                            "wrapup.jobs.misfired",
                            "Scheduled task firings that came later than planned",
                            trigger.getKey().getGroup())
                    .increment();
        }
    }

    @Override
    public void close() {
        try {
            // Standby first: the scheduler thread hands back a trigger it holds for a future
            // firing while the database is still there, instead of during shutdown.
            quartz.standby();
            quartz.shutdown(true);
        } catch (SchedulerException e) {
            log.warn("stopping the scheduler", e);
        }
    }

    /** The one Quartz job class: it hands the firing to the registered task. */
    @DisallowConcurrentExecution
    public static final class TaskJob implements Job {
        @Override
        public void execute(JobExecutionContext context) throws JobExecutionException {
            try {
                Scheduling scheduling =
                        (Scheduling) context.getScheduler().getContext().get(CONTEXT_KEY);
                if (!scheduling.quartzMayRun(
                        context.getJobDetail().getKey(), context.getScheduledFireTime())) {
                    return;
                }
                scheduling.run(
                        context.getMergedJobDataMap().getString("task"),
                        context.getMergedJobDataMap().getLong("subject"));
            } catch (Exception e) {
                log.error("scheduled task {} failed", context.getJobDetail().getKey(), e);
                throw new JobExecutionException(e, false);
            }
        }
    }
}
