package dev.railway.maven;

import dev.railway.definition.Workflow;
import dev.railway.definition.WorkflowProvider;
import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.project.MavenProject;

/**
 * The workflows a project declares, loaded from its compiled classes and dependencies: each named
 * class is a {@link WorkflowProvider} (public no-argument constructor) or has public static
 * no-argument methods returning {@link Workflow}, as for {@code ./railway validate --class}.
 */
final class ProjectWorkflows {
  private ProjectWorkflows() {}

  static List<Workflow<?>> load(MavenProject project, List<String> providers)
      throws MojoExecutionException {
    if (providers == null || providers.isEmpty()) {
      throw new MojoExecutionException(
          "no workflow providers configured: list them in <providers><provider>com.example."
              + "MyWorkflows</provider></providers> (a WorkflowProvider, or a class with public"
              + " static no-argument methods returning Workflow)");
    }
    ClassLoader loader = classLoader(project);
    List<Workflow<?>> all = new ArrayList<>();
    for (String name : providers) {
      all.addAll(from(name.trim(), loader));
    }
    return all;
  }

  private static ClassLoader classLoader(MavenProject project) throws MojoExecutionException {
    List<URL> urls = new ArrayList<>();
    try {
      for (String element : project.getRuntimeClasspathElements()) {
        urls.add(new File(element).toURI().toURL());
      }
    } catch (MalformedURLException
        | org.apache.maven.artifact.DependencyResolutionRequiredException e) {
      throw new MojoExecutionException(
          "cannot build the project's class path: " + e.getMessage(), e);
    }
    // Parent first: the project's classes see the very Workflow types this plugin validates.
    return new URLClassLoader(urls.toArray(URL[]::new), ProjectWorkflows.class.getClassLoader());
  }

  private static List<Workflow<?>> from(String name, ClassLoader loader)
      throws MojoExecutionException {
    Class<?> type;
    try {
      type = Class.forName(name, true, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new MojoExecutionException(
          "workflow provider '" + name + "' is not on the project's class path (compiled?): " + e,
          e);
    }
    List<Workflow<?>> found = new ArrayList<>();
    try {
      if (WorkflowProvider.class.isAssignableFrom(type)) {
        WorkflowProvider provider = (WorkflowProvider) type.getDeclaredConstructor().newInstance();
        found.addAll(provider.workflows());
      } else {
        for (Method m : type.getMethods()) {
          if (Modifier.isStatic(m.getModifiers())
              && m.getParameterCount() == 0
              && Workflow.class.isAssignableFrom(m.getReturnType())) {
            found.add((Workflow<?>) m.invoke(null));
          }
        }
      }
    } catch (InvocationTargetException e) {
      throw new MojoExecutionException(
          "building the workflows of '" + name + "' failed: " + e.getCause(), e.getCause());
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new MojoExecutionException("building the workflows of '" + name + "' failed: " + e, e);
    }
    if (found.isEmpty()) {
      throw new MojoExecutionException(
          "'"
              + name
              + "' provides no workflows: implement WorkflowProvider, or add public static"
              + " no-argument methods returning Workflow");
    }
    return found;
  }
}
